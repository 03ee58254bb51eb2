// A clean topology passes, with its reports where the defaults put them.
def log = new File(basedir, 'build.log').text
assert log.contains('ocstopo: 1 file, 0 errors, 0 warnings')
assert new File(basedir, 'target/ocstopo/ocstopo.sarif').length() > 0
assert new File(basedir, 'target/ocstopo/ocstopo-junit.xml').length() > 0
assert new File(basedir, 'target/ocstopo/ocstopo.txt').exists()

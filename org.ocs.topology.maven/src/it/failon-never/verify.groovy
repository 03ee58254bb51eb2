// failOn=never reports the MPOP outage but passes; the chosen formats are written, no others.
def log = new File(basedir, 'build.log').text
assert log.contains('lookup-over-mpop')
assert log.contains('BUILD SUCCESS')
assert new File(basedir, 'target/ocstopo/ocstopo.json').text.contains('"rule": "lookup-over-mpop"')
assert new File(basedir, 'target/ocstopo/ocstopo-checkstyle.xml').text.contains('source="ocstopo.lookup-over-mpop"')
assert !new File(basedir, 'target/ocstopo/ocstopo.sarif').exists()

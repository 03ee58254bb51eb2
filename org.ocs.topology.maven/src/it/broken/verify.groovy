// The field report's hairpin fails the build, the finding and its trace in the log.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] ') && log.contains('pool-traffic-hairpin')
assert log =~ /topology\.ocstopo:21:26: error pool-traffic-hairpin/
assert log.contains('bigip01: forwarding virtual server')
assert log.contains('BUILD FAILURE')
assert new File(basedir, 'target/ocstopo/ocstopo.sarif').text.contains('"ruleId": "pool-traffic-hairpin"')

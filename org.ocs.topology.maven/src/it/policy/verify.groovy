// The build passes only because of the project's ocstopo.json: the gateway error is off, the
// address error a warning that its inline ocstopo-ignore cannot hide, the broken legacy file excluded.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('ocstopo: 1 file, 0 errors, 2 warnings')
assert !log.contains('gateway-not-on-link')
assert log =~ /\[WARNING\] src\/main\/topology\/site\.ocstopo:19:19: warning address-not-host/
assert log =~ /\[WARNING\] src\/main\/topology\/site\.ocstopo:17:5: warning suppression-invalid The project policy \S*ocstopo\.json does not allow suppressing address-not-host/
assert !log.contains('syntax-error') && !log.contains('old.ocstopo')

def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/ocstopo/ocstopo.json'))
assert json.valid && json.error_count == 0 && json.warning_count == 2
assert json.diagnostics.collect { it.rule }.sort() == ['address-not-host', 'suppression-invalid']
assert json.diagnostics.find { it.rule == 'address-not-host' }.severity == 'warning'

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/ocstopo/ocstopo.sarif'))
def results = sarif.runs[0].results
assert !results.any { it.ruleId == 'gateway-not-on-link' }
assert results.find { it.ruleId == 'address-not-host' }.level == 'warning'

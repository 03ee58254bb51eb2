// A mistake in ocstopo.json fails the build even with failOn=never (the command line exits 2),
// with the policy-invalid finding at the policy file's line and column.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains("[ERROR] ocstopo.json:3:5: error policy-invalid unknown rule 'gateway-multple' (did you mean 'gateway-multiple'?)")
assert log.contains('ocstopo: the project policy has a mistake (policy-invalid), so the topology is not checked as the project asks')
assert log =~ /\s+ocstopo\.json:3:5: unknown rule 'gateway-multple'/
def json = new File(basedir, 'target/ocstopo/ocstopo.sarif').text
assert json.contains('"ruleId": "policy-invalid"')

def log = new File(basedir, 'build.log').text
assert log.contains('directions: BACKWARD (the new build reads what the old one wrote)')
assert log.contains('crossgrade:check: 1 PASS, 0 FAIL')
assert log.contains('BUILD SUCCESS')
return true

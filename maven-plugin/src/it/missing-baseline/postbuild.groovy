def log = new File(basedir, 'build.log').text
assert log.contains('no released version of com.acme:billing below 0.1.0-SNAPSHOT to compare with in the local repository ')
assert log.contains('cannot resolve the baseline com.acme:billing:jar:0.0.9 from the local repository ')
assert log =~ /the baseline \S+billing-0\.0\.9\.jar does not exist \(a jar or classes folder\)/
assert log.contains('Set <baseline> (-Dcrossgrade.baseline=) to a released version')
assert !(log =~ /(?m)^\s+at \S+ \(/) // no stack trace
return true

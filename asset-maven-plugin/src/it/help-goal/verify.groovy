def log = new File(basedir, 'build.log').text
assert log.contains('asset:help')
assert log.contains('BUILD SUCCESS')

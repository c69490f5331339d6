def log = new File(basedir, 'build.log').text
def sep = File.separator
assert log =~ /src${sep}main${sep}assets${sep}css${sep}site\.css:2:\d+: references "..\/img\/missing.png", which is not in/
assert log.contains('BUILD FAILURE')

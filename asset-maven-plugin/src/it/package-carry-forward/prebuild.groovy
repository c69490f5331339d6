// A release 0.9.0 that the repository metadata lists but whose assets jar can't be had (never
// deployed, or cleaned away): carry-forward must warn and go on. `mvn install` of 1.0.0 merges
// its own version into this file.
def dir = new File(localRepositoryPath, 'io/assetpipe/it/carry-forward-app')
dir.mkdirs()
new File(dir, 'maven-metadata-local.xml').text = '''<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <groupId>io.assetpipe.it</groupId>
  <artifactId>carry-forward-app</artifactId>
  <versioning>
    <versions>
      <version>0.9.0</version>
    </versions>
    <lastUpdated>20260101000000</lastUpdated>
  </versioning>
</metadata>
'''
return true

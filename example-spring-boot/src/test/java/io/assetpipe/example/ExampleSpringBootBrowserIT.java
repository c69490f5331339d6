package io.assetpipe.example;

/**
 * example-app's browser checks, every one of them, against the Spring Boot app: the packaged jar
 * ({@code example.jar}, set by failsafe) started with {@code java -jar}, loaded in headless
 * Chromium. Same page, same assets, so the same styles, fonts, script, SRI and cache behaviour.
 */
class ExampleSpringBootBrowserIT extends ExampleAppBrowserIT {}

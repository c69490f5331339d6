package io.assetpipe.example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * example-app's product page as a Spring Boot app: the same assets, from the assets jar this app
 * depends on, served by asset-spring-boot-starter at {@code /assets/**}; the page is a Thymeleaf
 * template whose {@code <asset:stylesheet>} and {@code <asset:script>} tags write the fingerprinted
 * URLs with their integrity.
 *
 * <p>{@code java -jar example-spring-boot/target/example-spring-boot.jar}; {@code PORT} picks the
 * port (default 8080, 0 for any free one), {@code HOST} the interface and {@code ACCESS_LOG=true}
 * logs one line per request to stdout (application.properties).
 */
@SpringBootApplication
@Controller
public class ExampleSpringApp {
    public static void main(String[] args) {
        SpringApplication.run(ExampleSpringApp.class, args);
    }

    @GetMapping("/")
    String product() {
        return "product";
    }

    /** The page gets an ETag, so a reload revalidates it with a 304 (the assets are immutable). */
    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> pageEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/");
        return registration;
    }

    /** Tests and scripts read the port from this line when PORT=0, as with example-app. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> announcePort() {
        return event -> System.out.println(
                "example-spring-boot listening on http://localhost:" + event.getWebServer().getPort() + "/");
    }
}

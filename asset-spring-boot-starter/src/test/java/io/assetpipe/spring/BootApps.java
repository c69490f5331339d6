package io.assetpipe.spring;

import io.assetpipe.http.TestServer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Real Spring Boot apps with the starter, on Tomcat or Jetty on an ephemeral port, whose
 * classpath holds the given assets jars (as an app's dependencies would).
 */
final class BootApps {
    private BootApps() {}

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class OnTomcat {
        @Bean
        TomcatServletWebServerFactory tomcat() {
            return new TomcatServletWebServerFactory();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class OnJetty {
        @Bean
        JettyServletWebServerFactory jetty() {
            return new JettyServletWebServerFactory();
        }
    }

    static ConfigurableApplicationContext run(Class<?> server, List<Path> bundles, Map<String, Object> properties)
            throws Exception {
        URL[] urls = new URL[bundles.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = bundles.get(i).toUri().toURL();
        }
        ClassLoader loader = new URLClassLoader(urls, BootApps.class.getClassLoader());
        SpringApplication app = new SpringApplication(new DefaultResourceLoader(loader), server);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.setBannerMode(Banner.Mode.OFF);
        Map<String, Object> all = new HashMap<>(Map.of("server.port", "0", "server.address", "127.0.0.1"));
        all.putAll(properties);
        app.setDefaultProperties(all);
        return app.run();
    }

    static TestServer start(Class<?> server, List<Path> bundles, Map<String, Object> properties) throws Exception {
        ConfigurableApplicationContext context = run(server, bundles, properties);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new TestServer(port, context::close);
    }
}

package io.assetpipe.spring;

import io.assetpipe.http.AssetBundle;
import io.assetpipe.http.AssetUrls;
import io.assetpipe.http.BundleException;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.servlet.AssetServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Serves every asset bundle on the classpath ({@code META-INF/assets/manifest.json} in the app's
 * jar or in assets jars it depends on) with {@link AssetServlet} at {@code assetpipe.prefix}
 * ({@code /assets}), and exposes the {@link AssetBundle}, {@link AssetUrls} and, with Thymeleaf,
 * the {@link AssetDialect}. Without a bundle the app fails to start, saying so, unless
 * {@code assetpipe.require-bundle=false}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(AssetServlet.class)
@Conditional(AssetpipeAutoConfiguration.BundleRequiredOrPresent.class)
@EnableConfigurationProperties(AssetpipeProperties.class)
public class AssetpipeAutoConfiguration {
    static final String MANIFEST = AssetBundle.JAR_ROOT + ManifestCodec.FILE_NAME;
    private static final Log LOG = LogFactory.getLog(AssetpipeAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public AssetBundle assetBundle(ResourceLoader resourceLoader) {
        ClassLoader loader = resourceLoader.getClassLoader();
        if (!BundleRequiredOrPresent.present(loader)) {
            throw new BundleException("no " + MANIFEST + " on the classpath: add the assets jar that asset-maven-plugin"
                    + " builds as a dependency, or build this module's assets with the plugin (asset:build), or set"
                    + " assetpipe.require-bundle=false to start without assets");
        }
        AssetBundle bundle = AssetBundle.fromClasspath(loader);
        LOG.info("assetpipe: serving " + bundle.assetCount() + " assets (" + bundle.fileCount() + " files, "
                + bundle.byteCount() + " bytes) from " + bundle.sources());
        return bundle;
    }

    @Bean
    @ConditionalOnMissingBean
    public AssetUrls assetUrls(AssetBundle bundle, AssetpipeProperties properties, Environment environment) {
        // Same-origin URLs include the servlet context path the app runs under.
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return AssetUrls.create(bundle, stripSlash(contextPath) + properties.getPrefix(), properties.getAssetHost());
    }

    @Bean
    @ConditionalOnMissingBean(name = "assetpipeServlet")
    public ServletRegistrationBean<AssetServlet> assetpipeServlet(AssetBundle bundle, AssetpipeProperties properties) {
        AssetServlet servlet = AssetServlet.builder(bundle)
                .prefix(properties.getPrefix())
                .logicalPaths(properties.getLogicalPaths())
                .corsOrigin(properties.getCorsOrigin())
                .build();
        ServletRegistrationBean<AssetServlet> registration =
                new ServletRegistrationBean<>(servlet, servlet.prefix() + "/*");
        registration.setName("assetpipe");
        registration.setAsyncSupported(true); // large bodies are written without blocking
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** With Thymeleaf: {@code <asset:stylesheet path="…"/>}, {@code <asset:script …/>} and {@code #assets}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.thymeleaf.dialect.IDialect")
    static class Thymeleaf {
        @Bean
        @ConditionalOnMissingBean
        AssetDialect assetDialect(AssetUrls urls) {
            return new AssetDialect(urls);
        }
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Applies when a bundle is on the classpath, or when one is required (then start-up says it is missing). */
    static final class BundleRequiredOrPresent extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (present(context.getClassLoader())) {
                return ConditionOutcome.match(MANIFEST + " found");
            }
            boolean required = context.getEnvironment().getProperty("assetpipe.require-bundle", Boolean.class, true);
            return required
                    ? ConditionOutcome.match("no " + MANIFEST + ", and assetpipe.require-bundle is true")
                    : ConditionOutcome.noMatch("no " + MANIFEST + ", and assetpipe.require-bundle=false");
        }

        static boolean present(ClassLoader loader) {
            try {
                return loader.getResources(MANIFEST).hasMoreElements();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

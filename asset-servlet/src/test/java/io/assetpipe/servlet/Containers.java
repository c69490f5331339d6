package io.assetpipe.servlet;

import io.assetpipe.http.AssetBundle;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** {@link AssetServlet} mapped at {@code /assets/*} in a real embedded Tomcat or Jetty on an ephemeral port. */
final class Containers {
    private Containers() {}

    static AssetServlet servlet(List<Path> bundles, String corsOrigin, LogicalPathPolicy policy) {
        return AssetServlet.builder(AssetBundle.load(bundles)).prefix("/assets").corsOrigin(corsOrigin)
                .logicalPaths(policy).build();
    }

    static TestServer tomcat(AssetServlet servlet) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Wrapper wrapper = Tomcat.addServlet(context, "assets", servlet);
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded(servlet.prefix() + "/*", "assets");
        tomcat.start();
        return new TestServer(connector.getLocalPort(), () -> {
            tomcat.stop();
            tomcat.destroy();
        });
    }

    static TestServer jetty(AssetServlet servlet) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, servlet.prefix() + "/*");
        server.setHandler(context);
        server.start();
        return new TestServer(connector.getLocalPort(), server::stop);
    }
}

package io.assetpipe.spring;

import io.assetpipe.http.AssetUrls;
import java.util.Set;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.thymeleaf.model.IAttribute;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractElementTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;
import org.unbescape.html.HtmlEscape;

/**
 * Thymeleaf tags for the bundle's assets, by logical path:
 *
 * <pre>{@code
 * <asset:stylesheet path="css/app.css"/>  →  <link rel="stylesheet" href="/assets/css/app-3f2a9c1be0d4.css"
 *                                                  integrity="sha384-…" crossorigin="anonymous">
 * <asset:script path="js/app.js"/>        →  <script defer src="/assets/js/app-70b5e4d44836.js"
 *                                                  integrity="sha384-…" crossorigin="anonymous"></script>
 * <img th:src="${#assets.url('images/logo.svg')}">
 * }</pre>
 *
 * <p>Any other attribute on the tag is copied ({@code media}, {@code type="module"}, {@code async}:
 * a script is {@code defer} unless it says {@code async} or gives a {@code type}).
 * {@code crossorigin="anonymous"} is what SRI needs once the assets come from a CDN host. An
 * unknown path fails the render naming the closest known paths.
 */
public final class AssetDialect extends AbstractProcessorDialect implements IExpressionObjectDialect {
    public static final String PREFIX = "asset";

    private final AssetUrls urls;

    public AssetDialect(AssetUrls urls) {
        super("assetpipe", PREFIX, 1000);
        this.urls = urls;
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(new Tag(dialectPrefix, "stylesheet", urls), new Tag(dialectPrefix, "script", urls));
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of("assets");
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return "assets".equals(expressionObjectName) ? urls : null;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }

    /** {@code <asset:stylesheet path/>} or {@code <asset:script path/>}, replaced by the real tag. */
    private static final class Tag extends AbstractElementTagProcessor {
        private final String kind;
        private final AssetUrls urls;

        Tag(String dialectPrefix, String kind, AssetUrls urls) {
            super(TemplateMode.HTML, dialectPrefix, kind, true, null, false, 1000);
            this.kind = kind;
            this.urls = urls;
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag,
                IElementTagStructureHandler structureHandler) {
            String path = tag.getAttributeValue("path");
            if (path == null || path.isBlank()) {
                // Thymeleaf adds the template's name, line and column to the message.
                throw new TemplateProcessingException("<" + tag.getElementCompleteName() + "> needs a path"
                        + " attribute: the asset's logical path, such as css/app.css");
            }
            try {
                structureHandler.replaceWith(html(tag, path), false);
            } catch (IllegalArgumentException e) { // an unknown asset, with the closest known paths
                throw new TemplateProcessingException(e.getMessage(), e);
            }
        }

        private String html(IProcessableElementTag tag, String path) {
            StringBuilder html = new StringBuilder();
            boolean script = kind.equals("script");
            html.append(script ? "<script" : "<link rel=\"stylesheet\"");
            if (script && !tag.hasAttribute("async") && !tag.hasAttribute("type")) {
                html.append(" defer");
            }
            attribute(html, script ? "src" : "href", urls.url(path));
            attribute(html, "integrity", urls.integrity(path));
            attribute(html, "crossorigin", "anonymous");
            for (IAttribute extra : tag.getAllAttributes()) {
                AttributeName name = extra.getAttributeDefinition().getAttributeName();
                if (!name.getAttributeName().equals("path")) {
                    if (extra.getValue() == null) {
                        html.append(' ').append(extra.getAttributeCompleteName());
                    } else {
                        attribute(html, extra.getAttributeCompleteName(), extra.getValue());
                    }
                }
            }
            return html.append(script ? "></script>" : ">").toString();
        }

        private static void attribute(StringBuilder html, String name, String value) {
            html.append(' ').append(name).append("=\"").append(HtmlEscape.escapeHtml5(value)).append('"');
        }
    }
}

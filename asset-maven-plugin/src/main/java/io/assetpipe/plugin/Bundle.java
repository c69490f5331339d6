package io.assetpipe.plugin;

import java.util.ArrayList;
import java.util.List;

/**
 * POM form of a named script bundle:
 * {@code <bundle><name>js/legacy.js</name><includes><include>js/legacy/*.js</include></includes></bundle>}.
 * Maven fills it by reflection, hence mutable; it becomes an immutable {@code ScriptBundle}.
 */
public class Bundle {
    /** Logical path of the output, e.g. {@code js/legacy.js}. */
    private String name;

    /** Source paths or globs, relative to sourceDirectory, concatenated in this order. */
    private List<String> includes = new ArrayList<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getIncludes() {
        return includes;
    }

    public void setIncludes(List<String> includes) {
        this.includes = includes;
    }
}

package io.assetpipe.plugin.js;

import com.google.javascript.jscomp.AbstractCompiler;
import com.google.javascript.jscomp.CompilerPass;
import com.google.javascript.jscomp.NodeTraversal;
import com.google.javascript.jscomp.Var;
import com.google.javascript.rhino.IR;
import com.google.javascript.rhino.Node;

/**
 * Works around a Closure Compiler v20260128 bug: its constant folding takes the length of an array
 * literal that spreads a string as the number of spread elements, so {@code [..."abc"].length}
 * becomes {@code 1}. Inlining turns everyday code into that shape ({@code const s = "héllo";
 * [...s].length}, or a function called with a string), so the output would be silently wrong.
 *
 * <p>Run before the optimisations, this pass wraps what each array-literal spread spreads in
 * {@code Object(...)}, which the folding does not look through: {@code [...Object(s)]} gives the
 * same elements as {@code [...s]} for every value (a string becomes a String object with the same
 * iterator; an object is returned as it is; what cannot be spread still throws a TypeError). An
 * array literal spread into another needs no wrapping: Closure flattens it correctly. Where a
 * local binding named {@code Object} hides the global, nothing is wrapped.
 */
final class StringSpreadGuard implements CompilerPass {
    private final AbstractCompiler compiler;

    StringSpreadGuard(AbstractCompiler compiler) {
        this.compiler = compiler;
    }

    @Override
    public void process(Node externs, Node root) {
        NodeTraversal.traverse(compiler, root, new NodeTraversal.AbstractPostOrderCallback() {
            @Override
            public void visit(NodeTraversal t, Node n, Node parent) {
                if (!n.isSpread() || parent == null || !parent.isArrayLit() || n.getFirstChild().isArrayLit()) {
                    return;
                }
                Var object = t.getScope().getVar("Object");
                if (object != null && !object.isGlobal()) {
                    return;
                }
                Node spread = n.getFirstChild().detach();
                Node call = IR.call(IR.name("Object"), spread);
                call.putBooleanProp(Node.FREE_CALL, true);
                call.srcrefTreeIfMissing(spread);
                n.addChildToFront(call);
                t.reportCodeChange();
            }
        });
    }
}

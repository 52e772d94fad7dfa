package io.rediscache.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The method part of a {@code cache.method.<id>} or {@code lock.method.<id>} entry:
 * {@code class#method} with an optional parameter list.
 *
 * <pre>
 * com.acme.PriceService#getPrice(java.lang.String,int)   one overload, exactly
 * com.acme.PriceService#getPrice                         every overload of getPrice
 * com.acme.*Service#find*                                 * : any characters but '.'
 * com.acme.**#find*(..)                                   **: any characters, '.' too; (..) any parameters
 * com.acme.Outer$Inner#run()                              a nested class by its binary name
 * </pre>
 * Parameter types are written as in Java source, fully qualified ({@code java.lang.String},
 * {@code int[]}, {@code java.util.Map}; generics are left out); this is also how the agent's
 * log names a method, so a signature can be copied from there.
 */
public final class MethodPattern {

    private static final Pattern CLASS_PART = Pattern.compile("[\\p{L}\\p{N}_$.*]+");
    private static final Pattern METHOD_PART = Pattern.compile("[\\p{L}\\p{N}_$*]+");
    private static final Pattern TYPE = Pattern.compile("[\\p{L}\\p{N}_$.]+(\\[])*");

    private final String text;
    private final String exactClassName; // null when the class part has a wildcard
    private final Pattern classPattern;
    private final Pattern methodPattern;
    private final List<String> parameterTypes; // null: any parameters
    private final boolean exactSignature;

    private MethodPattern(String text, String exactClassName, Pattern classPattern, Pattern methodPattern,
                          List<String> parameterTypes, boolean exactSignature) {
        this.text = text;
        this.exactSignature = exactSignature;
        this.exactClassName = exactClassName;
        this.classPattern = classPattern;
        this.methodPattern = methodPattern;
        this.parameterTypes = parameterTypes;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static MethodPattern parse(String text) {
        String trimmed = text.trim();
        int hash = trimmed.indexOf('#');
        if (hash <= 0 || hash == trimmed.length() - 1) {
            throw new IllegalArgumentException("not of the form com.acme.Class#method or com.acme.Class#method(type,…)");
        }
        String classPart = trimmed.substring(0, hash);
        String methodPart = trimmed.substring(hash + 1);
        List<String> parameters = null;
        int open = methodPart.indexOf('(');
        if (open >= 0) {
            if (!methodPart.endsWith(")")) {
                throw new IllegalArgumentException("the parameter list must end with ')'");
            }
            parameters = parseParameters(methodPart.substring(open + 1, methodPart.length() - 1));
            methodPart = methodPart.substring(0, open).trim();
        }
        if (!CLASS_PART.matcher(classPart).matches() || classPart.startsWith(".") || classPart.endsWith(".")
                || classPart.contains("..") || classPart.contains("***")) {
            throw new IllegalArgumentException("'" + classPart + "' is not a class name or pattern");
        }
        if (!METHOD_PART.matcher(methodPart).matches()) {
            throw new IllegalArgumentException("'" + methodPart + "' is not a method name or pattern");
        }
        boolean wildcardClass = classPart.indexOf('*') >= 0;
        return new MethodPattern(trimmed, wildcardClass ? null : classPart,
                wildcardClass ? Pattern.compile(globToRegex(classPart, true)) : null,
                Pattern.compile(globToRegex(methodPart, false)), parameters,
                !wildcardClass && methodPart.indexOf('*') < 0 && parameters != null);
    }

    private static List<String> parseParameters(String list) {
        String inside = list.trim();
        if (inside.equals("..")) {
            return null;
        }
        if (inside.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> types = new ArrayList<>();
        for (String part : inside.split(",", -1)) {
            String type = part.trim().replace("...", "[]");
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("parameter type '" + part.trim() + "' is not a type name"
                        + " (write it fully qualified, as java.lang.String, int or byte[])");
            }
            types.add(type);
        }
        return Collections.unmodifiableList(types);
    }

    /** {@code *} is any run of characters but '.' in a class part (any run in a method name); {@code **} any run. */
    private static String globToRegex(String glob, boolean classPart) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append(classPart ? "[^.]*" : ".*");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return regex.toString();
    }

    /** Cheap, by name alone: could a method of this class match? */
    public boolean matchesClass(String binaryClassName) {
        return exactClassName != null ? exactClassName.equals(binaryClassName)
                : classPattern.matcher(binaryClassName).matches();
    }

    /**
     * @param parameterTypes the method's parameter types as in Java source ({@code java.lang.String}, {@code int[]})
     */
    public boolean matchesMethod(String methodName, List<String> parameterTypes) {
        return methodPattern.matcher(methodName).matches()
                && (this.parameterTypes == null || this.parameterTypes.equals(parameterTypes));
    }

    /** Whether the method name part matches, whatever the parameters. */
    public boolean matchesMethodName(String methodName) {
        return methodPattern.matcher(methodName).matches();
    }

    /** @return the class name when the class part has no wildcard, else {@code null} */
    public String exactClassName() {
        return exactClassName;
    }

    /** True when the pattern names one method of one class, parameters included: no wildcard anywhere. */
    public boolean isExactSignature() {
        return exactSignature;
    }

    @Override
    public String toString() {
        return text;
    }
}

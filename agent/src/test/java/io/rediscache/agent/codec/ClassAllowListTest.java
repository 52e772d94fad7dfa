package io.rediscache.agent.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which class names a stored value may carry: JDK data types yes, JDK machinery and gadgets no, application packages when known. */
class ClassAllowListTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "java.lang.String,                           true",
        "java.lang.Integer,                          true",
        "java.util.ArrayList,                        true",
        "java.util.ImmutableCollections$ListN,       true",
        "java.util.concurrent.ConcurrentHashMap,     true",
        "java.math.BigDecimal,                       true",
        "java.time.LocalDate,                        true",
        "java.time.zone.ZoneRules,                   true",
        "java.net.URI,                               true",
        "java.sql.Timestamp,                         true",
        "[I,                                         true",
        "[[Ljava.lang.String;,                       true",
        "java.lang.ProcessBuilder,                   false",
        "java.lang.Runtime,                          false",
        "java.lang.Thread,                           false",
        "java.lang.ClassLoader,                      false",
        "java.lang.reflect.Proxy,                    false",
        "java.lang.invoke.MethodHandle,              false",
        "java.net.URL,                               false",
        "[Ljava.net.URL;,                            false",
        "java.util.logging.Logger,                   false",
        "javax.management.BadAttributeValueExpException, false",
        "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl, false",
        "org.apache.commons.collections.functors.InvokerTransformer, false",
        "com.acme.model.Price,                       true",
        "com.acme.model.sub.Detail,                  true",
        "com.acme.billing.Invoice,                   false",
        "[Lcom.acme.model.Price;,                    true",
        "org.partner.dto.Row,                        true",
        "org.partnerx.dto.Row,                       false",
    })
    void decides(String className, boolean allowed) {
        ClassAllowList list = new ClassAllowList(List.of("org.partner.dto", " "));
        list.allowPackageOf("com.acme.model.PriceService");

        assertEquals(allowed, list.allows(className));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"java.util.List", "javax.sql.DataSource", "Unpackaged"})
    void jdkAndUnpackagedClassesNeverWidenTheList(String className) {
        ClassAllowList list = ClassAllowList.jdkOnly();
        list.allowPackageOf(className);

        assertEquals(false, list.allows("java.util.logging.Logger"));
        assertEquals(false, list.allows("javax.sql.rowset.JdbcRowSet"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"com.acme.Secret", "java.net.URL"})
    void aClassThisJvmWroteIsAllowedUnlessDenied(String className) {
        ClassAllowList list = ClassAllowList.jdkOnly();
        list.wrote(className);

        assertEquals(!className.equals("java.net.URL"), list.allows(className));
    }
}

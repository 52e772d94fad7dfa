package io.rediscache.agent.lock;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LockNameTemplateTest {

    @Test
    void aNameWithoutPlaceholdersIsUsedAsWritten() {
        LockNameTemplate template = new LockNameTemplate("process_payroll");
        assertEquals(-1, template.highestIndex());
        assertEquals("process_payroll", template.render(new Object[] {"ignored"}));
    }

    @Test
    void placeholdersStandForTheArgumentsStringValues() {
        LockNameTemplate template = new LockNameTemplate("sku_{0}_in_{1}");
        assertEquals(1, template.highestIndex());
        assertEquals("sku_A1_in_42", template.render(new Object[] {"A1", 42}));
        assertEquals("sku_null_in_7", template.render(new Object[] {null, 7L}));
    }

    @Test
    void aPlaceholderMayRepeatAndStandAlone() {
        assertEquals("x-x", new LockNameTemplate("{0}-{0}").render(new Object[] {"x"}));
        assertEquals("5", new LockNameTemplate("{0}").render(new Object[] {5}));
    }

    @Test
    void otherBracesAreKeptLiterally() {
        LockNameTemplate template = new LockNameTemplate("{}a{b}{12345}{0");
        assertEquals(-1, template.highestIndex());
        assertEquals("{}a{b}{12345}{0", template.render(new Object[0]));
    }
}

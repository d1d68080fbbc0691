package io.zonedeck.base;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request property whose text may span lines (CR, LF and TAB allowed): customer metadata values, a reason, a note,
 * a pasted SSH key. Every other text of a request body is one line: a control character in it (CR, LF, TAB, ESC, ...)
 * is refused naming the field (decision 011). NUL and invalid UTF-16 are refused everywhere.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface MultiLineText {}

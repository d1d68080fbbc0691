package io.zonedeck.audit;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

/**
 * The {@link Audited} advisor (plain Spring AOP: an annotation pointcut and a method interceptor). It is the
 * outermost advice, around method security and transactions: a call refused by either is still recorded. An
 * infrastructure advisor, so that the auto-proxy creator applies it with or without AspectJ on the classpath;
 * the log is looked up on first use, so no repository is created early.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor auditedMethodsAdvisor(ObjectProvider<AuditLog> auditLog) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                AnnotationMatchingPointcut.forMethodAnnotation(Audited.class), new AuditingInterceptor(auditLog));
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }
}

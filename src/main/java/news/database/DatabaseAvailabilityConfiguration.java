package news.database;

import javax.sql.DataSource;
import org.jooq.ExecuteContext;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/** How the service behaves while PostgreSQL is unavailable: fail fast, and log it in one line, not per statement. */
@Configuration(proxyBeanMethods = false)
class DatabaseAvailabilityConfiguration {

    @Bean
    static BeanPostProcessor failFastDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource && !(bean instanceof FailFastDataSource)
                        ? new FailFastDataSource(dataSource)
                        : bean;
            }
        };
    }

    /**
     * Boot's translator logs every failed statement with its stack trace; during an outage that is one trace per
     * request. Failures of availability are translated the same way but left to the callers, which log them briefly.
     */
    @Bean
    ExceptionTranslatorExecuteListener quietJooqExceptionTranslator() {
        SQLStateSQLExceptionTranslator quiet = new SQLStateSQLExceptionTranslator();
        return new ExceptionTranslatorExecuteListener() {
            @Override
            public void exception(ExecuteContext context) {
                if (context.sqlException() != null && DatabaseUnavailable.isCause(context.sqlException())) {
                    RuntimeException translated = quiet.translate("jOOQ", context.sql(), context.sqlException());
                    if (translated != null) {
                        context.exception(translated);
                        return;
                    }
                }
                ExceptionTranslatorExecuteListener.DEFAULT.exception(context);
            }
        };
    }
}

package news;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * The one context of the failsafe drills ({@code *IT}): the {@link IntegrationTest} context, whose edge purges also go
 * to the targets the edge drills watch ({@link PurgeTargets}: a local purge webhook and a Varnish port). Every drill
 * on a shared context uses it unchanged, so the drills of two instances, the Varnish drill and the stalled-webhook
 * drill start one application between them (plus the {@link SecondInstance}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import(PurgeTargets.class)
public @interface DrillIntegrationTest {}

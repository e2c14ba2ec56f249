/**
 * The editors' popularity dashboard at {@code /dashboard}: a static page (HTML, CSS, JavaScript and the uPlot chart
 * library from its WebJar), served by the application itself, that reads everything through the GraphQL API with the
 * editor's token ({@code popular}, {@code trending}, {@code analytics}) and stays live through the subscriptions
 * {@code readersNow}, {@code popularChanged}, {@code articlePublished} and {@code analyticsAlerts} (alerts that arrive
 * are highlighted). Its tables download as CSV made in the browser from the data shown. It uses no other package.
 */
@ApplicationModule(allowedDependencies = {})
package news.dashboard;

import org.springframework.modulith.ApplicationModule;

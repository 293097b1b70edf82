using Orleans.Dashboard;

namespace DanVanKheo.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard for operators at <c>/dashboard/orleans</c>, for admins only: it shows every grain and silo
/// and its endpoints answer grain queries, which is more than a viewer or an editor may see. On unless
/// <c>OrleansDashboard:Enabled</c> is false: it samples every Orleans instrument once a second, and one of them
/// walks every activation under the silo's activation lock; with a million model activations that was about a
/// tenth of the silo's CPU in a load test, so load tests measure with it off (the figures say so).
/// </summary>
public static class OperatorDashboardExtensions
{
    public const string Path = "/dashboard/orleans";

    public const string EnabledKey = "OrleansDashboard:Enabled";

    public static bool IsOperatorDashboardEnabled(this IConfiguration configuration) => configuration.GetValue(EnabledKey, true);

    public static ISiloBuilder AddOperatorDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        configuration.IsOperatorDashboardEnabled() ? silo.AddDashboard() : silo;

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        if (app.Configuration.IsOperatorDashboardEnabled())
        {
            app.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(Api.ApiPolicies.Admin);
        }

        return app;
    }
}

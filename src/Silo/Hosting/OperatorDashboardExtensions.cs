using Orleans.Dashboard;

namespace DanVanKheo.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard for operators at <c>/dashboard/orleans</c>, for admins only: it shows every grain and silo
/// and its endpoints answer grain queries, which is more than a viewer or an editor may see.
/// </summary>
public static class OperatorDashboardExtensions
{
    public const string Path = "/dashboard/orleans";

    public static ISiloBuilder AddOperatorDashboard(this ISiloBuilder silo) => silo.AddDashboard();

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        app.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(Api.ApiPolicies.Admin);
        return app;
    }
}

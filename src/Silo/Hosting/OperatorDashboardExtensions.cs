using Orleans.Dashboard;

namespace DanVanKheo.Silo.Hosting;

/// <summary>The Orleans Dashboard for operators at <c>/dashboard/orleans</c>.</summary>
public static class OperatorDashboardExtensions
{
    public const string Path = "/dashboard/orleans";

    public static ISiloBuilder AddOperatorDashboard(this ISiloBuilder silo) => silo.AddDashboard();

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        app.MapOrleansDashboard(routePrefix: Path);
        return app;
    }
}

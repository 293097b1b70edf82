using System.CommandLine;

namespace DanVanKheo.Client;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    public static readonly Option<string[]> Gateway = new("--gateway")
    {
        Description = $"Silo gateway host:port (repeatable; default {ClusterConnection.DefaultGateway})",
        Recursive = true,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "Npgsql connection string of the cluster's database: find every live gateway in its membership table",
        Recursive = true,
    };

    public static readonly Option<string> ClusterId = new("--cluster-id")
    {
        Description = "Orleans cluster id of the silos",
        Recursive = true,
        DefaultValueFactory = _ => "dvk",
    };

    public static readonly Option<string> ServiceId = new("--service-id")
    {
        Description = "Orleans service id of the silos",
        Recursive = true,
        DefaultValueFactory = _ => "danvankheo",
    };

    public static readonly Option<string?> Api = new("--api")
    {
        Description = "Silo web address (e.g. http://127.0.0.1:8080): send writes through the HTTP API with its sign-in and scope rules",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "API token for --api (POST /api/auth/tokens); default: environment variable DVK_TOKEN",
        Recursive = true,
    };
}

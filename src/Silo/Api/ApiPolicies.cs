namespace DanVanKheo.Silo.Api;

public static class ApiPolicies
{
    /// <summary>Reading units, tallies and models: anyone when <c>Auth:AnonymousReads</c> is on, else signed-in staff.</summary>
    public const string Read = "read";

    public const string Admin = "admin";
}

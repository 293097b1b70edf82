namespace DanVanKheo.Silo.Security;

/// <summary>Bound from section <c>Auth</c>.</summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";

    /// <summary>Anyone may read tallies, units and models without signing in (on for the demo).</summary>
    public bool AnonymousReads { get; set; } = true;

    /// <summary>Created on an empty system (no account yet) with role admin and scope VN.</summary>
    public string AdminUser { get; set; } = "admin";

    /// <summary>Empty: a random password is generated and printed once at start-up.</summary>
    public string AdminPassword { get; set; } = "";
}

public static class DvkClaims
{
    public const string Scope = "dvk:scope";
    public const string CookieScheme = "Cookies";
    public const string TokenScheme = "Token";
    public const string SmartScheme = "dvk";
}

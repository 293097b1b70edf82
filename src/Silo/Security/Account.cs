namespace DanVanKheo.Silo.Security;

/// <summary>What a staff account may do; each role includes the one before it.</summary>
[GenerateSerializer, Alias("dvk.Role")]
public enum Role
{
    Viewer = 0,
    Editor = 1,
    Admin = 2,
}

/// <summary>
/// A staff account as stored: the password only as a <c>PasswordHasher</c> hash. The scope is the unit
/// whose subtree the account may change (<c>VN</c> = everything).
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.Account")]
public sealed record Account(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Role Role,
    [property: Id(3)] string Scope,
    [property: Id(4)] string PasswordHash,
    [property: Id(5)] DateTimeOffset CreatedAt);

public static class Roles
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static string Code(this Role role) => role switch
    {
        Role.Admin => Admin,
        Role.Editor => Editor,
        _ => Viewer,
    };

    public static bool TryParse(string? text, out Role role)
    {
        switch (Codes.Fold(text))
        {
            case Viewer:
                role = Role.Viewer;
                return true;
            case Editor:
                role = Role.Editor;
                return true;
            case Admin:
                role = Role.Admin;
                return true;
            default:
                role = default;
                return false;
        }
    }
}

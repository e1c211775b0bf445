using System.Net;
using System.Security;

namespace DrupalOAuth.Tests.Support;

public static class Secrets
{
    /// <summary>A writable SecureString, as a caller would pass it.</summary>
    public static SecureString Secure(string value) => new NetworkCredential(string.Empty, value).SecurePassword;

    public static string Plain(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;
}

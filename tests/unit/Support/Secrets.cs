using System.Net;
using System.Security;

namespace DrupalOAuth.Tests.Support;

public static class Secrets
{
    public static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        return secure;
    }

    public static string Plain(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;
}

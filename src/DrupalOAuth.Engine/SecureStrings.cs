using System.Security;

namespace DrupalOAuth
{
    internal static class SecureStrings
    {
        public static SecureString ReadOnlyFrom(string value)
        {
            var secure = new SecureString();
            foreach (var c in value)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }
}

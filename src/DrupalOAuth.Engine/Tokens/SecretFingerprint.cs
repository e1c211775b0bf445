using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;

namespace DrupalOAuth.Tokens
{
    /// <summary>
    /// A keyed hash of a client secret, so that the token cache can tell secrets apart without holding one: a
    /// connection is only ever served a token that its own secret earned. The key is random for each process, so
    /// the fingerprint means nothing outside it and cannot be checked against guesses.
    /// </summary>
    internal static class SecretFingerprint
    {
        private static readonly byte[] Key = NewKey();

        public static string Of(SecureString secret)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            var characters = new byte[secret.Length * 2];
            try
            {
                Marshal.Copy(pointer, characters, 0, characters.Length);
                using (var hmac = new HMACSHA256(Key))
                {
                    return Convert.ToBase64String(hmac.ComputeHash(characters));
                }
            }
            finally
            {
                Array.Clear(characters, 0, characters.Length);
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        private static byte[] NewKey()
        {
            var key = new byte[32];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(key);
            }

            return key;
        }
    }
}

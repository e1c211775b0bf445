using System.Security.Cryptography;

namespace DrupalTestServer.OAuth;

/// <summary>The site's RSA key pair; tests rotate it to make every outstanding token unverifiable.</summary>
public sealed class SigningKeys
{
    private readonly RSA initial = RSA.Create(2048);
    private RSA current;

    public SigningKeys() => current = initial;

    public RSA Current => Volatile.Read(ref current);

    /// <remarks>The replaced key is not disposed: a request in flight may still be verifying with it.</remarks>
    public void Rotate() => Volatile.Write(ref current, RSA.Create(2048));

    /// <summary>Back to the key the server started with, so tokens issued before a rotation verify again.</summary>
    public void Restore() => Volatile.Write(ref current, initial);
}

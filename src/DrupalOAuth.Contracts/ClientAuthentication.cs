namespace DrupalOAuth.Connections
{
    /// <summary>How the client id and secret travel to the token endpoint.</summary>
    public enum ClientAuthentication
    {
        /// <summary><c>client_id</c> and <c>client_secret</c> form-encoded in the request body (the default).</summary>
        Body,

        /// <summary>
        /// HTTP Basic the way Drupal reads it: base64 of the raw <c>id:secret</c>, not URL-encoded as RFC 6749
        /// would have it, since Drupal does not decode either part.
        /// </summary>
        Basic,
    }
}

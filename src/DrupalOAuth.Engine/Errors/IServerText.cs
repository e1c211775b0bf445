namespace DrupalOAuth.Errors
{
    /// <summary>
    /// An error object made of what a server said (a JSON:API or GraphQL error, kept as an error record's target),
    /// which may therefore quote a secret it was sent.
    /// </summary>
    internal interface IServerText
    {
        /// <summary>A copy with every text scrubbed, or the object itself when nothing needed it.</summary>
        object ScrubbedBy(SecretScrubber scrubber);
    }
}

namespace DrupalOAuth
{
    /// <summary>What Export-, Import-DrupalContent did with one entity, or would do under -WhatIf.</summary>
    public enum ContentAction
    {
        /// <summary>Written to the folder (and, for a file entity, its bytes beside it).</summary>
        Exported,

        /// <summary>Made on the site, with the folder's UUID (a file entity: uploaded, with a UUID the site chose).</summary>
        Created,

        /// <summary>It existed on the site and the fields that differed were sent.</summary>
        Updated,

        /// <summary>It existed on the site and nothing differed: nothing was sent.</summary>
        Unchanged,

        /// <summary>Not written: it exists and -Existing is Skip, or the import stopped before it.</summary>
        Skipped,

        /// <summary>Its read or write failed, or it could not be planned; Error says why.</summary>
        Failed,

        /// <summary>-WhatIf: it would be made.</summary>
        WouldCreate,

        /// <summary>-WhatIf: the fields named in Changed would be sent.</summary>
        WouldUpdate,
    }
}

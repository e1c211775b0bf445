namespace DrupalOAuth
{
    /// <summary>What Import-DrupalEntity did with one row, or would do under -WhatIf.</summary>
    public enum ImportAction
    {
        /// <summary>A new entity was made from the row.</summary>
        Created,

        /// <summary>The row's entity existed and the fields that differed were sent.</summary>
        Updated,

        /// <summary>The row's entity existed and nothing differed: nothing was sent.</summary>
        Unchanged,

        /// <summary>The row was invalid, or its write failed; Error says why.</summary>
        Failed,

        /// <summary>Not written: a blank row, or a valid row of an import that invalid rows stopped before its first write.</summary>
        Skipped,

        /// <summary>-WhatIf: the row would make a new entity.</summary>
        WouldCreate,

        /// <summary>-WhatIf: the row would change the fields named in Changed.</summary>
        WouldUpdate,
    }
}

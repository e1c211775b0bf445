namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// What the pre-flight made of one row: the action it leads to (WouldCreate, WouldUpdate, Unchanged, Failed or
    /// Skipped), the entity's id and label, the fields that would be sent, and why it failed.
    /// </summary>
    public sealed class PlannedRow
    {
        public int Number => throw new System.NotImplementedException();

        public ImportAction Action => throw new System.NotImplementedException();

        public string? Id => throw new System.NotImplementedException();

        public string? Label => throw new System.NotImplementedException();

        public string[] Changed => throw new System.NotImplementedException();

        public string? Error => throw new System.NotImplementedException();

        /// <summary>"Row 7: node--article 'Title' (uuid)", for -WhatIf, -Confirm and error messages.</summary>
        public string Description => throw new System.NotImplementedException();

        /// <summary>Whether applying it sends anything (a create or an update).</summary>
        public bool Writes => throw new System.NotImplementedException();

        /// <summary>The plan's own result: what -WhatIf writes.</summary>
        public ImportResult AsResult() => throw new System.NotImplementedException();

        /// <summary>The row's result when its write failed.</summary>
        public ImportResult Failed(string error) => throw new System.NotImplementedException();
    }
}

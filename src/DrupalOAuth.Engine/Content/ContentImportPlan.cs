using System;
using System.Collections.Generic;

namespace DrupalOAuth.Content
{
    /// <summary>The pre-flight of a whole folder: every entity parsed, ordered, resolved and compared with the site before the first write.</summary>
    public sealed class ContentImportPlan
    {
        /// <summary>In the order to write them: what an entity references before it.</summary>
        public IReadOnlyList<PlannedContent> Items => throw new NotImplementedException();

        /// <summary>Why nothing will be written (files that do not parse...); null when the import may go on.</summary>
        public string? StopReason => throw new NotImplementedException();

        /// <summary>Read requests the pre-flight made.</summary>
        public int LookupRequests => throw new NotImplementedException();
    }
}

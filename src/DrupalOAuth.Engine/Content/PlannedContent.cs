using System;

namespace DrupalOAuth.Content
{
    /// <summary>One entity of an import plan: what will be done with it and, under -WhatIf, its result.</summary>
    public sealed class PlannedContent
    {
        public PlannedContent(ContentEntity entity) => throw new NotImplementedException();

        public ContentEntity Entity => throw new NotImplementedException();

        /// <summary>What the plan expects (Created/Updated/Unchanged/Skipped/Failed; WouldCreate/WouldUpdate under -WhatIf).</summary>
        public ContentAction Action => throw new NotImplementedException();

        /// <summary>The result without writing: for entities that need no write, failed planning, or -WhatIf.</summary>
        public ContentResult AsResult() => throw new NotImplementedException();
    }
}

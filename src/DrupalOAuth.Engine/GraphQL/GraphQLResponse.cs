using System.Collections.Generic;
using System.Management.Automation;

namespace DrupalOAuth.GraphQL
{
    /// <summary>A GraphQL response: <c>data</c> as PowerShell objects, <c>errors</c> read out, and the whole of it.</summary>
    public sealed class GraphQLResponse
    {
        internal GraphQLResponse(object? data, bool hasData, IReadOnlyList<GraphQLError> errors, PSObject raw)
        {
            Data = data;
            HasData = hasData;
            Errors = errors;
            Raw = raw;
        }

        public object? Data { get; }

        /// <summary>False when <c>data</c> was null or absent: the operation did not run.</summary>
        public bool HasData { get; }

        public IReadOnlyList<GraphQLError> Errors { get; }

        /// <summary>The whole response: data, errors and extensions.</summary>
        public PSObject Raw { get; }
    }
}

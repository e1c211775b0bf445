using System;
using System.Collections.Generic;
using DrupalOAuth.Errors;

namespace DrupalOAuth.GraphQL
{
    /// <summary>A GraphQL response: <c>data</c> as PowerShell objects, <c>errors</c> read out, and the whole of it.</summary>
    public sealed class GraphQLResponse
    {
        internal GraphQLResponse(object? data, bool hasData, IReadOnlyList<GraphQLError> errors, object raw, bool itemsStreamed = false)
        {
            Data = data;
            HasData = hasData;
            Errors = errors;
            Raw = raw;
            ItemsStreamed = itemsStreamed;
        }

        public object? Data { get; }

        /// <summary>False when <c>data</c> was null or absent: the operation did not run.</summary>
        public bool HasData { get; }

        public IReadOnlyList<GraphQLError> Errors { get; }

        /// <summary>The whole response: data, errors and extensions (a PSCustomObject, or a dictionary under -AsHashtable).</summary>
        public object Raw { get; }

        /// <summary>
        /// The items at <see cref="GraphQLOutput.ExpandPath"/> went to <see cref="GraphQLOutput.OnItems"/> as they
        /// arrived; <see cref="Data"/> holds an empty list in their place.
        /// </summary>
        public bool ItemsStreamed { get; }

        /// <summary>When no data came back the operation did not run: the call fails, with the first error's words.</summary>
        public void ThrowIfNoData(Uri endpoint)
        {
            if (!HasData)
            {
                var first = Errors.Count > 0 ? Errors[0].Message : "no data and no errors";
                throw new DrupalException(
                    "GraphQLNoData",
                    DrupalErrorCategory.InvalidResult,
                    $"Drupal returned no data for the GraphQL operation ({Errors.Count} errors; the first: {first}).",
                    endpoint);
            }
        }
    }
}

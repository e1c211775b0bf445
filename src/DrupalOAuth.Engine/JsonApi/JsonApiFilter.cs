using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using DrupalOAuth.Input;

namespace DrupalOAuth.JsonApi
{
    /// <summary>
    /// Turns -Filter into Drupal's JSON:API filter parameters, refusing before anything is sent what Drupal would
    /// refuse. Forms: <c>@{ status = 1 }</c> (equals; an array means IN, $null means IS NULL);
    /// <c>@{ created = @{ operator = '&gt;'; value = 1700000000 } }</c> (any operator; <c>path</c> names the field
    /// when the key is only a label, for two conditions on one field); <c>@{ or = @{ ... } }</c> and
    /// <c>@{ and = @{ ... } }</c> (groups, nested at will).
    /// </summary>
    internal sealed class JsonApiFilter
    {
        private const string Example = "@{ title = 'x' }, @{ created = @{ operator = '>'; value = 1700000000 } } or @{ or = @{ title = 'x'; status = 0 } }";

        private static readonly string[] Operators = { "=", "<>", ">", ">=", "<", "<=", "STARTS_WITH", "CONTAINS", "ENDS_WITH", "IN", "NOT IN", "BETWEEN", "NOT BETWEEN", "IS NULL", "IS NOT NULL" };
        private static readonly Regex Spaces = new Regex(@"\s+", RegexOptions.CultureInvariant);
        private static readonly Regex Brackets = new Regex(@"[\[\]]", RegexOptions.CultureInvariant);

        private readonly List<KeyValuePair<string, string>> _pairs = new List<KeyValuePair<string, string>>();
        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);
        private readonly InputWalk _walk = new InputWalk("-Filter");

        private JsonApiFilter()
        {
        }

        public static IReadOnlyList<KeyValuePair<string, string>> ToQuery(IDictionary? filter)
        {
            var builder = new JsonApiFilter();
            if (filter != null)
            {
                builder.AddAll(filter, string.Empty, memberOf: null);
            }

            return builder._pairs;
        }

        private void AddAll(IDictionary conditions, string name, string? memberOf)
        {
            using (_walk.Enter(conditions, name))
            {
                foreach (DictionaryEntry entry in conditions)
                {
                    var key = (Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty).Trim();
                    if (key.Length == 0)
                    {
                        throw Refused("a condition has an empty field name", Example);
                    }

                    var value = _walk.Read(entry.Value, key);
                    if (IsConjunction(key) && value is IDictionary group)
                    {
                        AddGroup(key, group, memberOf);
                    }
                    else if (value is IDictionary condition)
                    {
                        AddCondition(key, condition, memberOf);
                    }
                    else
                    {
                        Add(key, key, null, value != null, value, key, memberOf);
                    }
                }
            }
        }

        private void AddGroup(string key, IDictionary members, string? memberOf)
        {
            var conjunction = key.ToUpperInvariant();
            if (members.Count == 0)
            {
                throw Refused($"the {conjunction} group is empty", $"@{{ {conjunction.ToLowerInvariant()} = @{{ title = 'x'; status = 0 }} }}");
            }

            var name = Unique(conjunction.ToLowerInvariant() + "_group");
            var prefix = $"filter[{name}][group]";
            Emit(prefix + "[conjunction]", conjunction);
            if (memberOf != null)
            {
                Emit(prefix + "[memberOf]", memberOf);
            }

            AddAll(members, key, name);
        }

        private void AddCondition(string key, IDictionary condition, string? memberOf)
        {
            using (_walk.Enter(condition, key))
            {
                string? path = null;
                string? op = null;
                var hasValue = false;
                object? value = null;
                foreach (DictionaryEntry member in condition)
                {
                    var name = Convert.ToString(member.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    switch (name.Trim().ToLowerInvariant())
                    {
                        case "path":
                            path = Convert.ToString(_walk.Single(member.Value, name), CultureInfo.InvariantCulture);
                            break;
                        case "operator":
                            op = Convert.ToString(_walk.Single(member.Value, name), CultureInfo.InvariantCulture);
                            break;
                        case "value":
                            hasValue = true;
                            value = _walk.Read(member.Value, name);
                            break;
                        default:
                            throw Refused($"'{key}' has a member '{name}'; a condition takes only operator, value and path", $"@{{ {key} = @{{ operator = 'CONTAINS'; value = 'x' }} }}");
                    }
                }

                if (op == null && !hasValue)
                {
                    throw Refused($"the condition for '{key}' has neither an operator nor a value", $"@{{ {key} = @{{ operator = 'CONTAINS'; value = 'x' }} }}, or @{{ {key} = $null }} for IS NULL");
                }

                Add(key, string.IsNullOrWhiteSpace(path) ? key : path!.Trim(), op, hasValue, value, "value", memberOf);
            }
        }

        private void Add(string key, string path, string? givenOperator, bool hasValue, object? given, string name, string? memberOf)
        {
            var values = _walk.Items(given, name)?.ToList();
            var value = values == null ? _walk.Single(given, name) : given;
            var op = givenOperator == null
                ? (values != null ? "IN" : hasValue ? "=" : "IS NULL")
                : Spaces.Replace(givenOperator.Trim(), " ").ToUpperInvariant();
            if (Array.IndexOf(Operators, op) < 0)
            {
                var hint = op == "!=" ? " For 'not equal', Drupal's operator is '<>'." : op == "LIKE" ? " For LIKE, use CONTAINS, STARTS_WITH or ENDS_WITH." : string.Empty;
                throw Refused($"'{givenOperator}' (for '{key}') is not an operator Drupal's JSON:API accepts.{hint} The operators are: {string.Join(", ", Operators)}", $"@{{ {key} = @{{ operator = 'CONTAINS'; value = 'x' }} }}");
            }

            switch (op)
            {
                case "IS NULL":
                case "IS NOT NULL":
                    if (value != null)
                    {
                        throw Refused($"'{op}' (for '{key}') takes no value", $"@{{ {key} = @{{ operator = '{op}' }} }}");
                    }

                    break;
                case "BETWEEN":
                case "NOT BETWEEN":
                    if (values == null || values.Count != 2)
                    {
                        throw Refused($"'{op}' (for '{key}') takes exactly two values, the low and the high end", $"@{{ {key} = @{{ operator = '{op}'; value = 1700000000, 1800000000 }} }}");
                    }

                    break;
                case "IN":
                case "NOT IN":
                    values ??= value == null ? new List<object?>() : new List<object?> { value };
                    if (values.Count == 0)
                    {
                        throw Refused($"'{op}' (for '{key}') needs one or more values", $"@{{ {key} = @{{ operator = '{op}'; value = 'a', 'b' }} }}");
                    }

                    break;
                default:
                    if (values != null && values.Count == 1)
                    {
                        value = values[0];
                        values = null;
                    }

                    if (values != null)
                    {
                        throw Refused($"'{op}' (for '{key}') takes one value, not {values.Count}; for any of several values use IN", $"@{{ {key} = @{{ operator = 'IN'; value = 'a', 'b' }} }}");
                    }

                    if (value == null)
                    {
                        throw Refused($"'{op}' (for '{key}') needs a value; for an empty field use IS NULL", $"@{{ {key} = @{{ operator = '{op}'; value = 'x' }} }}");
                    }

                    break;
            }

            if (memberOf == null && op == "=" && key == path && _names.Add(path))
            {
                Emit($"filter[{path}]", SitePath.Text(value));
                return;
            }

            var prefix = $"filter[{Unique(Brackets.Replace(key, "_"))}][condition]";
            Emit(prefix + "[path]", path);
            Emit(prefix + "[operator]", op);
            if (values != null)
            {
                foreach (var item in values)
                {
                    Emit(prefix + "[value][]", SitePath.Text(item));
                }
            }
            else if (value != null)
            {
                Emit(prefix + "[value]", SitePath.Text(value));
            }

            if (memberOf != null)
            {
                Emit(prefix + "[memberOf]", memberOf);
            }
        }

        private string Unique(string name)
        {
            var candidate = name;
            for (var i = 2; !_names.Add(candidate); i++)
            {
                candidate = name + "_" + i.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        private void Emit(string name, string value) => _pairs.Add(new KeyValuePair<string, string>(name, value));

        private static bool IsConjunction(string key) =>
            key.Equals("or", StringComparison.OrdinalIgnoreCase) || key.Equals("and", StringComparison.OrdinalIgnoreCase);

        private static DrupalException Refused(string what, string rightForm) =>
            new DrupalException(
                "InvalidFilter",
                DrupalErrorCategory.InvalidArgument,
                $"-Filter: {what}. Write it as {rightForm}. Nothing was sent.",
                what);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using DrupalOAuth.Json;

namespace DrupalOAuth.JsonApi
{
    /// <summary>
    /// Makes each JSON:API resource one flat object for the pipeline and Export-Csv: id, type, the attributes,
    /// then each relationship as the related id (an array for a multi-value field), or, where -Include asked for
    /// it, the included resource's own flat object (nested includes too). A related item that Drupal left out of
    /// <c>included</c> (the user may not see it) becomes an object with only its id and type. The resource's own
    /// id and type always win: an attribute or relationship of that name (Drupal renames such fields, so only a
    /// module or a proxy sends one) becomes attribute_id, attribute_type, relationship_id or relationship_type, so
    /// that a piped Set- or Remove-DrupalEntity always acts on the resource itself.
    /// </summary>
    internal sealed class ResourceFlattener
    {
        public const string EntityTypeName = "DrupalOAuth.Entity";

        private readonly Dictionary<string, JsonElement> _included = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        private readonly IncludeNode _includes = new IncludeNode();

        // One for the document, so that the resources of a page share their attributes' name strings.
        private readonly JsonValueReader _values = new JsonValueReader();

        public ResourceFlattener(JsonElement document, IEnumerable<string> include)
        {
            foreach (var path in include)
            {
                var node = _includes;
                foreach (var segment in path.Split('.'))
                {
                    node = node.Child(segment);
                }
            }

            if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("included", out var included) && included.ValueKind == JsonValueKind.Array)
            {
                foreach (var resource in included.EnumerateArray())
                {
                    if (Identity(resource) is string key)
                    {
                        _included[key] = resource;
                    }
                }
            }
        }

        public PSObject Flatten(JsonElement resource) => Flatten(resource, _includes);

        /// <summary>An object with only an id and a type, typed like an entity, for a related item not included.</summary>
        public static PSObject Stub(string? type, string? id)
        {
            var stub = new PSObject();
            Set(stub, "id", id);
            Set(stub, "type", type);
            AddTypeNames(stub, type);
            return stub;
        }

        private PSObject Flatten(JsonElement resource, IncludeNode includes)
        {
            var flat = new PSObject();
            var type = Text(resource, "type");
            Set(flat, "id", Text(resource, "id"));
            Set(flat, "type", type);
            if (resource.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
            {
                foreach (var attribute in attributes.EnumerateObject())
                {
                    Set(flat, Field("attribute", attribute.Name), _values.Read(attribute.Value));
                }
            }

            if (resource.TryGetProperty("relationships", out var relationships) && relationships.ValueKind == JsonValueKind.Object)
            {
                foreach (var relationship in relationships.EnumerateObject())
                {
                    var child = includes.Find(relationship.Name);
                    object? value = null;
                    if (relationship.Value.ValueKind == JsonValueKind.Object && relationship.Value.TryGetProperty("data", out var data))
                    {
                        value = data.ValueKind == JsonValueKind.Array
                            ? data.EnumerateArray().Select(identifier => Related(identifier, child)).ToArray()
                            : data.ValueKind == JsonValueKind.Object ? Related(data, child) : null;
                    }

                    Set(flat, Field("relationship", relationship.Name), value);
                }
            }

            AddTypeNames(flat, type);
            return flat;
        }

        private object? Related(JsonElement identifier, IncludeNode? include)
        {
            if (include == null)
            {
                return Text(identifier, "id");
            }

            return Identity(identifier) is string key && _included.TryGetValue(key, out var resource)
                ? Flatten(resource, include)
                : Stub(Text(identifier, "type"), Text(identifier, "id"));
        }

        /// <summary>A field's name on the flat object: id and type are the resource's own.</summary>
        private static string Field(string kind, string name) =>
            name == "id" || name == "type" ? kind + "_" + name : name;

        private static void AddTypeNames(PSObject flat, string? type)
        {
            flat.TypeNames.Insert(0, EntityTypeName);
            if (!string.IsNullOrEmpty(type))
            {
                flat.TypeNames.Insert(0, EntityTypeName + "#" + type);
            }
        }

        private static void Set(PSObject target, string name, object? value)
        {
            if (name.Length == 0)
            {
                return;
            }

            var existing = target.Properties[name];
            if (existing != null)
            {
                existing.Value = value;
            }
            else
            {
                target.Properties.Add(new PSNoteProperty(name, value));
            }
        }

        private static string? Identity(JsonElement resource) =>
            Text(resource, "type") is string type && Text(resource, "id") is string id ? type + "\n" + id : null;

        private static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>The include paths as a tree: field_tags.vid is field_tags, and vid beneath it.</summary>
        private sealed class IncludeNode
        {
            private readonly Dictionary<string, IncludeNode> _children = new Dictionary<string, IncludeNode>(StringComparer.Ordinal);

            public IncludeNode Child(string name)
            {
                if (!_children.TryGetValue(name, out var child))
                {
                    child = new IncludeNode();
                    _children[name] = child;
                }

                return child;
            }

            public IncludeNode? Find(string name) => _children.TryGetValue(name, out var child) ? child : null;
        }
    }
}

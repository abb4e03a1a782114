// Generated from openapi.json, the single source of truth: edit that file, then regenerate this
// one from Sources/RoutingService with
//   (sed -n '1,/^    static let json/p' OpenAPIDocument.swift; cat openapi.json; printf '"""##\n}\n') > .tmp && mv .tmp OpenAPIDocument.swift
// (OpenAPIDocumentTests fails while the two differ.)

/// The service's OpenAPI 3.1 document, served at `/openapi.json`.
enum OpenAPIDocument {
    /// The document, byte for byte `openapi.json` without its final newline.
    static let json = ##"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Switchyard routing service",
    "version": "1.0.0",
    "description": "Who should own this order exception? `switchyard serve` answers with the promoted routing model: the owner, the confidence, the top three owners and whether to route automatically or send to human review. Every decision and override is written to the workspace's append-only audit table (`switchyard audit`). Bearer tokens come from `switchyard tokens create --role route|steward`; a steward token may do everything a route token may. Each token has a rate limit (429 with Retry-After). Every response carries `X-Request-Id`; answers from a model carry `X-Model-Version` (`<model id>@<version>`), and the body says which model version answered."
  },
  "servers": [
    {
      "url": "http://127.0.0.1:8080"
    }
  ],
  "security": [
    {
      "bearer": []
    }
  ],
  "paths": {
    "/v1/route": {
      "post": {
        "operationId": "route",
        "summary": "Route one exception",
        "x-required-role": "route",
        "description": "The body is one exception: every input of the current model (see `GET /v1/models/current`) as a key, `null` when a value is not known; keys the model does not read are ignored. `exception_id` (or `id`) is echoed and audited. A missing input, a value of the wrong type, an unparsable number or time, or a category value the model never saw is a 400 naming the field (unless the server runs with `--allow-missing-fields` / `--allow-unknown-values`).",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Exception"
              },
              "example": {
                "exception_id": "EX-1042",
                "category": "credit_hold",
                "customer": "C-01699",
                "order_id": "SO-0004704",
                "order_value": 5258.17,
                "tier": "standard",
                "region": "EU-Central",
                "channel": "EDI",
                "sku_family": "industrial",
                "detected_at": "2025-03-04T09:15:00Z"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The decision.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "X-Model-Version": {
                "$ref": "#/components/headers/ModelVersion"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Decision"
                }
              }
            }
          },
          "400": {
            "description": "Invalid JSON, or invalid fields: `fields` names each one (`exceptions[3].region` in a batch).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "401": {
            "description": "Missing, malformed, unknown or revoked bearer token.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "WWW-Authenticate": {
                "description": "Always `Bearer realm=\"switchyard\"`.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "The body is larger than the server's limit (`--max-body-bytes`, default 262144).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "415": {
            "description": "The body is declared as something other than JSON.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "429": {
            "description": "This token sent more than its rate limit; `Retry-After` says when to retry (seconds).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Retry-After": {
                "$ref": "#/components/headers/RetryAfter"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "The audit log is too far behind to record the decision; retry shortly.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Retry-After": {
                "$ref": "#/components/headers/RetryAfter"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/route:batch": {
      "post": {
        "operationId": "routeBatch",
        "summary": "Route up to N exceptions in one request",
        "x-required-role": "route",
        "description": "`exceptions` holds 1 to N exceptions (N = `--max-batch`, default 100), each as for `/v1/route`. All or nothing: one invalid exception makes the whole request a 400 naming it by index. Results come in request order; each has its own request id `<batch request id>.<index>`, which the override endpoint accepts.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/BatchRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "One decision per exception, in order.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "X-Model-Version": {
                "$ref": "#/components/headers/ModelVersion"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BatchResponse"
                }
              }
            }
          },
          "400": {
            "description": "Invalid JSON, or invalid fields: `fields` names each one (`exceptions[3].region` in a batch).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "401": {
            "description": "Missing, malformed, unknown or revoked bearer token.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "WWW-Authenticate": {
                "description": "Always `Bearer realm=\"switchyard\"`.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "The body is larger than the server's limit (`--max-body-bytes`, default 262144).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "415": {
            "description": "The body is declared as something other than JSON.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "429": {
            "description": "This token sent more than its rate limit; `Retry-After` says when to retry (seconds).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Retry-After": {
                "$ref": "#/components/headers/RetryAfter"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "The audit log is too far behind to record the decision; retry shortly.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Retry-After": {
                "$ref": "#/components/headers/RetryAfter"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/decisions/{request_id}/override": {
      "post": {
        "operationId": "overrideDecision",
        "summary": "Record the owner that actually took an exception",
        "x-required-role": "steward",
        "description": "Stores the owner a person (or the ERP) chose, and why, next to the original decision in the audit table. The answer comes once the row is committed. `switchyard train --with-overrides` learns from these corrections.",
        "parameters": [
          {
            "name": "request_id",
            "in": "path",
            "required": true,
            "description": "The `request_id` of a decision.",
            "schema": {
              "type": "string",
              "maxLength": 100
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OverrideRequest"
              },
              "example": {
                "owner": "tax",
                "reason": "VAT registration missing",
                "by": "j.doe"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The override as recorded.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Override"
                }
              }
            }
          },
          "400": {
            "description": "Invalid JSON, or invalid fields: `fields` names each one (`exceptions[3].region` in a batch).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "401": {
            "description": "Missing, malformed, unknown or revoked bearer token.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "WWW-Authenticate": {
                "description": "Always `Bearer realm=\"switchyard\"`.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "The body is larger than the server's limit (`--max-body-bytes`, default 262144).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "415": {
            "description": "The body is declared as something other than JSON.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "429": {
            "description": "This token sent more than its rate limit; `Retry-After` says when to retry (seconds).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Retry-After": {
                "$ref": "#/components/headers/RetryAfter"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "The audit log is too far behind to record the decision; retry shortly.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Retry-After": {
                "$ref": "#/components/headers/RetryAfter"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "403": {
            "description": "The token has the route role; overrides need a steward token.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No decision with this request id in the audit log.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/models/current": {
      "get": {
        "operationId": "currentModel",
        "summary": "The model answering requests, and the inputs it needs",
        "x-required-role": "steward",
        "responses": {
          "200": {
            "description": "The model.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "X-Model-Version": {
                "$ref": "#/components/headers/ModelVersion"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ModelInfo"
                }
              }
            }
          },
          "401": {
            "description": "Missing, malformed, unknown or revoked bearer token.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "WWW-Authenticate": {
                "description": "Always `Bearer realm=\"switchyard\"`.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "403": {
            "description": "The token has the route role; this endpoint needs a steward token.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "429": {
            "description": "This token sent more than its rate limit; `Retry-After` says when to retry (seconds).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Retry-After": {
                "$ref": "#/components/headers/RetryAfter"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/healthz": {
      "get": {
        "operationId": "health",
        "summary": "Liveness and audit health",
        "security": [],
        "responses": {
          "200": {
            "description": "Serving, audit log keeping up.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "X-Model-Version": {
                "$ref": "#/components/headers/ModelVersion"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          },
          "503": {
            "description": "Audit commits are failing (decisions are still answered while the backlog is below its limit).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "X-Model-Version": {
                "$ref": "#/components/headers/ModelVersion"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "operationId": "metrics",
        "summary": "Prometheus metrics",
        "security": [],
        "description": "Text format 0.0.4: `switchyard_requests_total{endpoint,status}`, `switchyard_request_duration_seconds` (histogram by endpoint), `switchyard_decisions_total{decision}`, `switchyard_review_rate`, `switchyard_overrides_total`, `switchyard_override_rate`, `switchyard_rate_limited_total`, `switchyard_model_info{model_id,model_version}`, `switchyard_model_swaps_total`, audit backlog and commit counters.",
        "responses": {
          "200": {
            "description": "The metrics.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "openapi",
        "summary": "This document",
        "security": [],
        "responses": {
          "200": {
            "description": "OpenAPI 3.1.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "A token from `switchyard tokens create --role route|steward`."
      }
    },
    "headers": {
      "RequestId": {
        "description": "Unique id of this request (also in the audit table).",
        "schema": {
          "type": "string"
        }
      },
      "ModelVersion": {
        "description": "`<model id>@<version>` of the model that answered.",
        "schema": {
          "type": "string"
        }
      },
      "RetryAfter": {
        "description": "Seconds to wait before retrying.",
        "schema": {
          "type": "integer",
          "minimum": 1
        }
      }
    },
    "schemas": {
      "Exception": {
        "type": "object",
        "description": "One exception: the current model's inputs (strings, numbers, booleans, or null when not known) plus an optional id.",
        "properties": {
          "exception_id": {
            "type": [
              "string",
              "number",
              "null"
            ],
            "description": "Echoed in the decision and audited."
          }
        },
        "additionalProperties": {
          "type": [
            "string",
            "number",
            "boolean",
            "null"
          ]
        }
      },
      "Candidate": {
        "type": "object",
        "required": [
          "owner",
          "probability"
        ],
        "additionalProperties": false,
        "properties": {
          "owner": {
            "type": "string"
          },
          "probability": {
            "type": "number",
            "minimum": 0,
            "maximum": 1
          }
        }
      },
      "Decision": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "request_id",
          "exception_id",
          "owner",
          "confidence",
          "decision",
          "top",
          "missing",
          "model_id",
          "model_version"
        ],
        "properties": {
          "request_id": {
            "type": "string",
            "description": "Quote it to override this decision."
          },
          "exception_id": {
            "type": [
              "string",
              "null"
            ]
          },
          "owner": {
            "type": "string",
            "description": "The most probable owner."
          },
          "confidence": {
            "type": "number",
            "minimum": 0,
            "maximum": 1
          },
          "decision": {
            "type": "string",
            "enum": [
              "auto",
              "review"
            ],
            "description": "`auto` when the confidence reaches the model's threshold, else `review` (send to a person)."
          },
          "top": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Candidate"
            },
            "minItems": 1,
            "maxItems": 3
          },
          "missing": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "Inputs that were null or empty, scored as unknown."
          },
          "model_id": {
            "type": "string",
            "description": "Registry id of the model (or `file:NAME`)."
          },
          "model_version": {
            "type": "string",
            "description": "First 12 hex digits of the model's SHA-256."
          }
        }
      },
      "BatchRequest": {
        "type": "object",
        "required": [
          "exceptions"
        ],
        "properties": {
          "exceptions": {
            "type": "array",
            "minItems": 1,
            "maxItems": 100,
            "items": {
              "$ref": "#/components/schemas/Exception"
            }
          }
        }
      },
      "BatchResponse": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "request_id",
          "model_id",
          "model_version",
          "results"
        ],
        "properties": {
          "request_id": {
            "type": "string"
          },
          "model_id": {
            "type": "string"
          },
          "model_version": {
            "type": "string"
          },
          "results": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Decision"
            }
          }
        }
      },
      "OverrideRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "owner"
        ],
        "properties": {
          "owner": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "reason": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 2000
          },
          "by": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 200,
            "description": "Who decided (default: the token's name)."
          }
        }
      },
      "Override": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "request_id",
          "owner",
          "known_owner",
          "reason",
          "by",
          "token_id",
          "recorded_at",
          "original"
        ],
        "properties": {
          "request_id": {
            "type": "string"
          },
          "owner": {
            "type": "string"
          },
          "known_owner": {
            "type": "boolean",
            "description": "Whether the current model knows this owner."
          },
          "reason": {
            "type": [
              "string",
              "null"
            ]
          },
          "by": {
            "type": [
              "string",
              "null"
            ]
          },
          "token_id": {
            "type": "integer"
          },
          "recorded_at": {
            "type": "string",
            "format": "date-time"
          },
          "original": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "owner",
              "decision",
              "model_id",
              "model_version",
              "at"
            ],
            "properties": {
              "owner": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "decision": {
                "type": "string",
                "enum": [
                  "auto",
                  "review"
                ]
              },
              "model_id": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "model_version": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "at": {
                "type": "string",
                "format": "date-time"
              }
            }
          }
        }
      },
      "ModelInfo": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "model_id",
          "model_version",
          "sha256",
          "registry_id",
          "source",
          "loaded_at",
          "created_at",
          "target",
          "profile",
          "classes",
          "threshold",
          "target_precision",
          "holdout",
          "inputs",
          "follow_promotions"
        ],
        "properties": {
          "model_id": {
            "type": "string"
          },
          "model_version": {
            "type": "string"
          },
          "sha256": {
            "type": "string"
          },
          "registry_id": {
            "type": [
              "integer",
              "null"
            ]
          },
          "source": {
            "type": "string"
          },
          "loaded_at": {
            "type": "string",
            "format": "date-time"
          },
          "created_at": {
            "type": "string"
          },
          "target": {
            "type": "string"
          },
          "profile": {
            "type": [
              "string",
              "null"
            ]
          },
          "classes": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "threshold": {
            "type": [
              "number",
              "null"
            ],
            "description": "Confidence from which decisions are `auto`; null: always review."
          },
          "target_precision": {
            "type": "number"
          },
          "holdout": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "rows",
                  "accuracy",
                  "coverage",
                  "precision"
                ],
                "properties": {
                  "rows": {
                    "type": "integer"
                  },
                  "accuracy": {
                    "type": "number"
                  },
                  "coverage": {
                    "type": "number"
                  },
                  "precision": {
                    "type": "number"
                  }
                }
              }
            ]
          },
          "inputs": {
            "type": "array",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "name",
                "kind"
              ],
              "properties": {
                "name": {
                  "type": "string"
                },
                "kind": {
                  "type": "string",
                  "enum": [
                    "category",
                    "text",
                    "number",
                    "time"
                  ]
                },
                "values": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  },
                  "description": "Category inputs: the values the model knows."
                }
              }
            }
          },
          "follow_promotions": {
            "type": "boolean"
          }
        }
      },
      "Health": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "status",
          "model_id",
          "model_version",
          "uptime_seconds",
          "audit_backlog",
          "audit_error"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok",
              "degraded"
            ]
          },
          "model_id": {
            "type": "string"
          },
          "model_version": {
            "type": "string"
          },
          "uptime_seconds": {
            "type": "number"
          },
          "audit_backlog": {
            "type": "integer"
          },
          "audit_error": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "Error": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "error",
          "message",
          "fields",
          "request_id"
        ],
        "properties": {
          "error": {
            "type": "string",
            "enum": [
              "invalid_request",
              "invalid_json",
              "unauthorized",
              "forbidden",
              "not_found",
              "method_not_allowed",
              "body_too_large",
              "unsupported_media_type",
              "rate_limited",
              "unavailable",
              "internal"
            ]
          },
          "message": {
            "type": "string"
          },
          "fields": {
            "type": "array",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "field",
                "message"
              ],
              "properties": {
                "field": {
                  "type": "string"
                },
                "message": {
                  "type": "string"
                }
              }
            }
          },
          "request_id": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      }
    }
  }
}
"""##
}

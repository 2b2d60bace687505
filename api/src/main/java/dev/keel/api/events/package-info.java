/** Recording core/v1 Events about objects, with aggregation of repeats. */
package dev.keel.api.events;

#ifndef ROSTER_IMAGE_H
#define ROSTER_IMAGE_H
#include <stddef.h>
#include <stdint.h>

/// What `roster_image_decode` found. Kind 1 is PNG, 2 is JPEG, 0 is neither.
typedef struct {
    int kind;
    /// The image's own size in pixels.
    uint32_t width, height;
    /// The size of `rgba` (a JPEG is decoded scaled down when it is much larger than needed).
    uint32_t decoded_width, decoded_height;
    /// decoded_width * decoded_height * 4 bytes, malloc'd; free with roster_image_free.
    uint8_t *rgba;
    /// Why decoding failed, from libpng or libjpeg.
    char message[200];
} roster_image;

/// Decides PNG or JPEG by content and decodes it. Refuses images wider or taller than
/// `max_side` before decoding their pixels; a JPEG is scaled by libjpeg (1/2, 1/4, 1/8)
/// as long as both sides stay at least `wanted_side`. Returns 0 on success.
/// Neither library may print or exit: errors come back in `message`.
int roster_image_decode(const uint8_t *data, size_t length, uint32_t max_side, uint32_t wanted_side, roster_image *out);

void roster_image_free(roster_image *image);

#endif

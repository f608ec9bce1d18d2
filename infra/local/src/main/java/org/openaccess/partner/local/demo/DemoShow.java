package org.openaccess.partner.local.demo;

/** A show of the (emulated) Spotify catalogue, listed on the demo site with the tier it needs. */
public record DemoShow(String id, String title, String tiers) {

    public String uri() {
        return "spotify:show:" + id;
    }
}

# Reads a Homebrew formula without Homebrew: just enough of the formula DSL to print, as JSON, its fields and
# what `brew services` would run, with Homebrew's prefix /opt/homebrew. Usage: ruby read-formula.rb FORMULA.rb
require "json"
require "pathname"

class Formula
  PREFIX = Pathname("/opt/homebrew")

  class << self
    def fields = (@fields ||= {})
    attr_reader :service_block

    def method_missing(name, *args, **kw) = fields[name] = args.empty? ? kw : args.first
    def respond_to_missing?(*) = true
    def service(&block) = @service_block = block
    def test(&) = nil
  end

  def opt_bin = PREFIX / "opt/secretsd/bin"
  def etc = PREFIX / "etc"
  def var = PREFIX / "var"
end

# The service DSL records every call; paths come from the formula, as in Homebrew.
class Service
  attr_reader :fields

  def initialize(formula)
    @formula = formula
    @fields = {}
  end

  %i[opt_bin etc var].each { |m| define_method(m) { @formula.public_send(m) } }
  def method_missing(name, *args, **kw) = @fields[name] = args.empty? ? kw : args.first
  def respond_to_missing?(*) = true
end

load ARGV.fetch(0)
klass = ObjectSpace.each_object(Class).find { |c| c < Formula }
service = Service.new(klass.new)
service.instance_exec(&klass.service_block)
puts JSON.generate(
  "class" => klass.name,
  "fields" => klass.fields.transform_values(&:to_s),
  "service" => service.fields.transform_values { |v| v.is_a?(Array) ? v.map(&:to_s) : v.is_a?(Hash) ? v : v.to_s },
)
